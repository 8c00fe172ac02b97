/** Spec §10.4: issue attachments — multipart upload, list, download, delete. */
package dev.paperclipee.rest.attachment;
