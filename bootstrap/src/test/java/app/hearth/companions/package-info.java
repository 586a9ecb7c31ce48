/** Tests of companions, teams, the skill catalog and supervisor scoping through the API. */
package app.hearth.companions;
