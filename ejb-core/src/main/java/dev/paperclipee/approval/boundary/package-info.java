/**
 * The approval boundary (spec §10.6, §12): agents and the board request, the board decides, the
 * requester may cancel or revise; approving a hire creates the agent, approving the CEO strategy
 * releases the CEO's delegated work.
 */
package dev.paperclipee.approval.boundary;
