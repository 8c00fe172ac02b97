/** The object store behind attachments: files on local disk, published and removed with the transaction (spec §7.14). */
package dev.paperclipee.attachment.control;
