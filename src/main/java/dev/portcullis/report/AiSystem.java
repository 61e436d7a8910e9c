package dev.portcullis.report;

import java.time.Instant;

/** One AI system of the register: where it lives and what its operator declared about it. */
public record AiSystem(String id, String workspaceId, AiSystemDeclaration declaration, Instant createdAt,
    Instant updatedAt) {}
