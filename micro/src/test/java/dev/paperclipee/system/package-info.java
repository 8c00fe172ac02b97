/**
 * System and browser tests: the runnable jar started once per test JVM ({@link dev.paperclipee.system.PaperclipApp},
 * stopped by {@link dev.paperclipee.system.SystemTestSession}) and driven from outside, as operators, clients and
 * agents meet it — the JSON API with the JDK HttpClient, the launcher through separate processes, the board in
 * headless Chromium through page objects.
 */
package dev.paperclipee.system;
