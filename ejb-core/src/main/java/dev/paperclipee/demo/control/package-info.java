/** The demo agent shipped with the application and where it is put at start. */
package dev.paperclipee.demo.control;
