package dev.portcullis.ui;

/**
 * What every page shows around its content: who is signed in, what they may do, and the CSRF token their forms send.
 *
 * @param active the navigation entry of the page
 * @param canChange whether the key may change admin resources (a viewer sees no create, edit or revoke controls)
 * @param workspaceId the workspace the page is about ({@code workspace_id} when asked, else the key's own)
 */
public record PageFrame(String title, String active, String keyName, String role, String workspaceId,
    boolean canChange, String csrfToken) {}
