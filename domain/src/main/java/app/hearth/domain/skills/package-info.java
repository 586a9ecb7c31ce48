/** The catalog of skill categories shared by member interests and companion skills. */
package app.hearth.domain.skills;
