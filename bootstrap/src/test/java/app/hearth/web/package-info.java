/** Tests of the HTTP surface as a whole: what is open, what needs a token, what the documents say. */
package app.hearth.web;
