/** Value objects of a company package: a problem found in one (file, line, reason). */
package dev.paperclipee.portability.entity;
