/** Company export and import: the board starts the jobs, previews an import and reads the results. */
package dev.paperclipee.portability.boundary;
