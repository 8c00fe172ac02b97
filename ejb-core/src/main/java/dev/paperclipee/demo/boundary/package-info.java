/** The first-run demo company (spec §18 milestone 6, issue 8): seeded once into an empty database. */
package dev.paperclipee.demo.boundary;
