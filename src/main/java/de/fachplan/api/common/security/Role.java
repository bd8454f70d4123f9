package de.fachplan.api.common.security;

import java.util.Locale;

/**
 * The roles of the service. Names on the wire are upper case ({@code EDITOR}); the security layer
 * uses the lower-case form ({@code editor}) that also comes from the city's identity provider.
 */
public enum Role {
    /** Everything, including the API keys. */
    ADMIN,
    /** Staff of the social welfare office (Sozialamt): the catalogue and the measures. */
    EDITOR,
    /**
     * The city's controlling unit (Controlling): reads what staff reads, manages indicator
     * definitions, approves reported values and reads single-facility capacity figures; it does not
     * edit the catalogue or the measures.
     */
    CONTROLLER,
    /** A partner organisation (Träger): the status of the measures it leads or takes part in. */
    PARTNER;

    public static final String ADMIN_NAME = "admin";
    public static final String EDITOR_NAME = "editor";
    public static final String CONTROLLER_NAME = "controller";
    public static final String PARTNER_NAME = "partner";

    public String securityName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
