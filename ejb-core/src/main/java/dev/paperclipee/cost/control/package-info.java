/** Cost ingestion shared by the API and the heartbeat runtime (spec §13). */
package dev.paperclipee.cost.control;
