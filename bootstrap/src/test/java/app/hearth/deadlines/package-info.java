/** Tests of the persistent deadline store across nodes and restarts (reliability test #8). */
package app.hearth.deadlines;
