/** REST for companions, teams and the skill catalog. */
package app.hearth.adapters.companions.web;
