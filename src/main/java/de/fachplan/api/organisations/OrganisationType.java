package de.fachplan.api.organisations;

/**
 * What kind of body an organisation is: a unit of the city administration, a welfare association
 * (Wohlfahrtsverband), an association (Verein), a migrant organisation, an education provider,
 * another public authority, or something else.
 */
public enum OrganisationType {
    CITY_UNIT, WELFARE_ASSOCIATION, ASSOCIATION, MIGRANT_ORGANISATION, EDUCATION_PROVIDER, PUBLIC_AUTHORITY, OTHER
}
