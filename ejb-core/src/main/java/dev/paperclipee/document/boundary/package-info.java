/** Issue documents: list, read, write against a base revision, history, delete (spec §10.4). */
package dev.paperclipee.document.boundary;
