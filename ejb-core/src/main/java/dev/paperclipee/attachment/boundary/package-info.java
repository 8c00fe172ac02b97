/** Issue attachments: upload (streamed to the object store), list, download, delete (spec §10.4). */
package dev.paperclipee.attachment.boundary;
