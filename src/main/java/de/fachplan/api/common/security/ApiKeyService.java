package de.fachplan.api.common.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import de.fachplan.api.common.history.ResourceType;
import de.fachplan.api.common.history.WriteHistory;
import de.fachplan.api.common.http.ETags;
import de.fachplan.api.common.paging.Entities;
import de.fachplan.api.common.paging.KeysetQuery;
import de.fachplan.api.common.paging.Page;
import de.fachplan.api.common.paging.PageRequest;
import de.fachplan.api.common.paging.SortColumn;
import de.fachplan.api.common.problem.FieldError;
import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.time.Timestamps;

/** Issues, checks and revokes API keys. */
@ApplicationScoped
public class ApiKeyService {

    public static final String KEY_PREFIX = "fpk_";
    /** How much of a key is kept and shown in the clear to tell keys apart: {@code fpk_} and four characters. */
    public static final int PREFIX_LENGTH = KEY_PREFIX.length() + 4;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int SECRET_LENGTH = 40;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    EntityManager em;

    @Inject
    WriteHistory history;

    /** A freshly issued key; {@code secret} exists only here and is never stored. */
    public record IssuedKey(ApiKey key, String secret) {
    }

    @Transactional
    public IssuedKey issue(String name, Role role, UUID organisationId, OffsetDateTime expiresAt, String createdBy) {
        OffsetDateTime now = Timestamps.now();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw ProblemException.invalid(List.of(new FieldError("/expiresAt", "must lie in the future")));
        }
        if (role == Role.PARTNER && organisationId == null) {
            throw ProblemException.invalid(List.of(new FieldError("/organisationId",
                    "a partner key is bound to its organisation; name it")));
        }
        if (organisationId != null && em.createNativeQuery("SELECT 1 FROM organisation WHERE id = :id")
                .setParameter("id", organisationId).getResultList().isEmpty()) {
            throw ProblemException.invalid(List.of(new FieldError("/organisationId", "unknown organisation")));
        }
        String secret = newSecret();
        return new IssuedKey(store(name, role, organisationId, expiresAt, createdBy, secret, now), secret);
    }

    /**
     * Makes sure a key with this secret exists (bootstrap from configuration); idempotent. This and
     * {@link #none()} run while the service starts, so they ask in plain SQL: the first query in the
     * ORM's query language loads its parser and translator, about a tenth of a second of a start.
     */
    @Transactional
    public boolean ensure(String name, Role role, String secret, String createdBy) {
        if (!em.createNativeQuery("SELECT 1 FROM api_key WHERE key_hash = :hash").setParameter("hash", hash(secret))
                .getResultList().isEmpty()) {
            return false;
        }
        store(name, role, null, null, createdBy, secret, Timestamps.now());
        return true;
    }

    /** Whether no key exists yet. */
    @Transactional
    public boolean none() {
        return em.createNativeQuery("SELECT 1 FROM api_key LIMIT 1").getResultList().isEmpty();
    }

    private ApiKey store(String name, Role role, UUID organisationId, OffsetDateTime expiresAt, String createdBy,
            String secret, OffsetDateTime now) {
        ApiKey key = new ApiKey();
        key.name = name;
        key.role = role;
        key.organisationId = organisationId;
        key.prefix = secret.substring(0, PREFIX_LENGTH);
        key.keyHash = hash(secret);
        key.createdAt = now;
        key.createdBy = createdBy;
        key.expiresAt = expiresAt;
        key.persistAndFlush();
        history.created(ResourceType.API_KEY, key.id, null, key.version, history.snapshot(ApiKeysResource.toDto(key)));
        return key;
    }

    /** How exactly the last use of a key is recorded. */
    private static final Duration LAST_USE_RESOLUTION = Duration.ofMinutes(1);

    /**
     * The usable key for a presented secret. Records the last use at most once a minute, so that
     * reads do not turn into a write per request; that bookkeeping does not change the version.
     */
    @Transactional
    public Optional<ApiKey> authenticate(String secret) {
        Optional<ApiKey> found = ApiKey.find("keyHash", hash(secret)).firstResultOptional();
        OffsetDateTime now = Timestamps.now();
        Optional<ApiKey> usable = found.filter(k -> k.isUsableAt(now));
        // A key used within the minute costs no statement; the condition is repeated in SQL
        // because concurrent requests of one key all read the old time.
        usable.filter(k -> k.lastUsedAt == null || k.lastUsedAt.isBefore(now.minus(LAST_USE_RESOLUTION)))
                .ifPresent(k -> em.createNativeQuery("UPDATE api_key SET last_used_at = now() WHERE id = :id"
                        + " AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => :seconds))")
                        .setParameter("id", k.id).setParameter("seconds", LAST_USE_RESOLUTION.toSeconds())
                        .executeUpdate());
        return usable;
    }

    @Transactional
    public Page<ApiKey> list(PageRequest page) {
        Page<UUID> ids = new KeysetQuery("api_key k", "k.id")
                .orderBy(List.of(SortColumn.desc("k.created_at", SortColumn.ValueKind.TIMESTAMP)))
                .fetch(em, page);
        return new Page<>(Entities.inOrder(ApiKey.list("id in ?1", ids.items()), ids.items(), k -> k.id),
                ids.nextCursor());
    }

    @Transactional
    public ApiKey get(UUID id) {
        return ApiKey.<ApiKey>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("No API key " + id + "."));
    }

    @Transactional
    public void revoke(UUID id, String ifMatch) {
        ApiKey key = get(id);
        ETags.requireMatch(ifMatch, key.version);
        if (key.revokedAt != null) {
            throw ProblemException.conflict("The API key is already revoked.");
        }
        var before = history.snapshot(ApiKeysResource.toDto(key));
        key.revokedAt = Timestamps.now();
        em.flush();
        history.updated(ResourceType.API_KEY, key.id, null, key.version, before,
                history.snapshot(ApiKeysResource.toDto(key)));
    }

    static String newSecret() {
        StringBuilder secret = new StringBuilder(KEY_PREFIX);
        for (int i = 0; i < SECRET_LENGTH; i++) {
            secret.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return secret.toString();
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
