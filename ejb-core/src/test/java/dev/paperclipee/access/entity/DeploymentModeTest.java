package dev.paperclipee.access.entity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeploymentModeTest {

    @Test
    void unsetOrBlankIsLocalTrusted() {
        assertEquals(DeploymentMode.LOCAL_TRUSTED, DeploymentMode.parse(null));
        assertEquals(DeploymentMode.LOCAL_TRUSTED, DeploymentMode.parse("  "));
    }

    @Test
    void theTwoWireNames() {
        assertEquals(DeploymentMode.LOCAL_TRUSTED, DeploymentMode.parse("local_trusted"));
        assertEquals(DeploymentMode.AUTHENTICATED, DeploymentMode.parse(" authenticated "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"AUTHENTICATED", "public", "local"})
    void anythingElseIsRefusedNamingTheVariable(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeploymentMode.parse(value));
        assertTrue(e.getMessage().startsWith("PAPERCLIP_DEPLOYMENT_MODE must be local_trusted or authenticated"), e.getMessage());
    }
}
