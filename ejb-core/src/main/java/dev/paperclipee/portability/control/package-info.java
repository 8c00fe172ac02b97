/**
 * Reading and writing company packages: slugs, YAML front matter and sidecar, the package model,
 * zip and directory containers with their size limits, the snapshot of a company as a package, and
 * the import plan.
 */
package dev.paperclipee.portability.control;
