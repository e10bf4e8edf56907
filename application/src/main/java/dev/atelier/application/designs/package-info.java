/** Use cases of the designs context: create, edit, review, delete and browse designs. */
package dev.atelier.application.designs;
