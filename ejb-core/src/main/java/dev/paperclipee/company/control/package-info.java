/** Company algorithms: issue prefix choice. */
package dev.paperclipee.company.control;
