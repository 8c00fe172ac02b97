/** Authentication: which actor a request's credentials stand for (spec §9). */
package dev.paperclipee.access.boundary;
