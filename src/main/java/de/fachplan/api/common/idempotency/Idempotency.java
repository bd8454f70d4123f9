package de.fachplan.api.common.idempotency;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.problem.ProblemType;
import de.fachplan.api.common.security.Caller;
import de.fachplan.api.common.time.Timestamps;

/**
 * Makes creating requests safe to retry (Stripe's {@code Idempotency-Key}).
 *
 * <p>The stored answer is written in the same transaction as the change it answers: a crash
 * leaves either both or neither, so a retry can never create a second resource nor be told about
 * one that does not exist. A transaction-scoped advisory lock on the key makes a concurrent
 * duplicate fail fast with 409 instead of waiting. Failed requests roll back and store nothing,
 * so their retry is simply evaluated again.
 */
@ApplicationScoped
public class Idempotency {

    public static final String REPLAYED_HEADER = "Idempotency-Replayed";

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    Caller caller;

    @Inject
    IdempotencyConfig config;

    /** What an operation produced: the response body, what a replay shows, where and which version. */
    public record Outcome<T>(T body, T replayBody, URI location, String etag) {
        public Outcome(T body, URI location, String etag) {
            this(body, body, location, etag);
        }
    }

    /** A creating POST: 201 with {@code Location}. */
    @Transactional
    public <T> RestResponse<T> create(String key, String operation, Object request, Class<T> type,
            Supplier<Outcome<T>> action) {
        return run(key, operation, request, type, 201, action);
    }

    /** A change (PATCH): 200 with the new ETag. */
    @Transactional
    public <T> RestResponse<T> change(String key, String operation, Object request, Class<T> type,
            Supplier<Outcome<T>> action) {
        return run(key, operation, request, type, 200, action);
    }

    /** A request that starts work to be done later (an import job): 202 with the job's {@code Location}. */
    @Transactional
    public <T> RestResponse<T> accept(String key, String operation, Object request, Class<T> type,
            Supplier<Outcome<T>> action) {
        return run(key, operation, request, type, 202, action);
    }

    private <T> RestResponse<T> run(String key, String operation, Object request, Class<T> type, int status,
            Supplier<Outcome<T>> action) {
        if (key == null) {
            Outcome<T> result = action.get();
            return respond(status, result.body(), result);
        }
        String callerId = caller.id();
        String requestHash = hash(operation + "\n" + write(request));
        lock(callerId, key);
        OffsetDateTime now = Timestamps.now();
        IdempotencyRecord stored = em.find(IdempotencyRecord.class, new IdempotencyRecord.Key(callerId, key));
        if (stored != null && stored.expiresAt.isAfter(now)) {
            if (!stored.requestHash.equals(requestHash)) {
                throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                        "This Idempotency-Key was used for a different request; use a new key for a new request.");
            }
            return replay(stored, type);
        }
        if (stored != null) {
            em.remove(stored);
            em.flush();
        }
        Outcome<T> result = action.get();
        IdempotencyRecord record = new IdempotencyRecord();
        record.caller = callerId;
        record.idempotencyKey = key;
        record.requestHash = requestHash;
        record.statusCode = status;
        record.location = result.location() == null ? null : result.location().toString();
        record.etag = result.etag();
        record.responseBody = write(result.replayBody());
        record.createdAt = now;
        record.expiresAt = now.plus(config.retention());
        em.persist(record);
        em.createNativeQuery("DELETE FROM idempotency_record WHERE ctid IN "
                + "(SELECT ctid FROM idempotency_record WHERE expires_at < now() LIMIT 100)").executeUpdate();
        return respond(status, result.body(), result);
    }

    private static <T> RestResponse<T> respond(int status, T body, Outcome<T> result) {
        RestResponse.ResponseBuilder<T> builder = RestResponse.ResponseBuilder.<T>create(status).entity(body);
        if (result.location() != null) {
            builder.location(result.location());
        }
        if (result.etag() != null) {
            builder.header("ETag", result.etag());
        }
        return builder.build();
    }

    /** Marks a batch whose answer is not stored yet; a second request with its key meanwhile is a 409. */
    private static final int IN_PROGRESS = 0;

    /** How a batch starts: the stored answer of an earlier run to replay, or the key of this run's items. */
    public record BatchStart<T>(T replay, String run) {
    }

    /**
     * Starts a batch under an idempotency key, in a transaction of its own. Returns the stored
     * answer of a completed run to replay; otherwise marks the key as in progress for a lease and
     * returns the key under which this run's items are stored. A run that died leaves its mark
     * until the lease ends; then a retry with the same body takes over and finds the items that
     * run applied. The request hash is kept for the whole retention: another body under the same
     * key is always a 422, also after an interrupted run.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public <T> BatchStart<T> beginBatch(String key, String operation, Object request, Class<T> type) {
        String callerId = caller.id();
        lock(callerId, key);
        OffsetDateTime now = Timestamps.now();
        String requestHash = hash(operation + "\n" + write(request));
        String run = "item:" + hash(key + "\n" + requestHash).substring(0, 40);
        IdempotencyRecord stored = em.find(IdempotencyRecord.class, new IdempotencyRecord.Key(callerId, key));
        if (stored != null && stored.expiresAt.isAfter(now)) {
            if (!stored.requestHash.equals(requestHash)) {
                throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                        "This Idempotency-Key was used for a different request; use a new key for a new request.");
            }
            if (stored.statusCode != IN_PROGRESS) {
                return new BatchStart<>(read(stored.responseBody, type), run);
            }
            if (stored.leaseUntil != null && stored.leaseUntil.isAfter(now)) {
                throw new ProblemException(ProblemType.REQUEST_IN_PROGRESS,
                        "A batch with this Idempotency-Key is still being applied; retry in a few minutes.");
            }
            stored.leaseUntil = now.plus(config.batchLease());
            return new BatchStart<>(null, run);
        }
        if (stored != null) {
            em.remove(stored);
            em.flush();
        }
        IdempotencyRecord record = new IdempotencyRecord();
        record.caller = callerId;
        record.idempotencyKey = key;
        record.requestHash = requestHash;
        record.statusCode = IN_PROGRESS;
        record.createdAt = now;
        record.expiresAt = now.plus(config.retention());
        record.leaseUntil = now.plus(config.batchLease());
        em.persist(record);
        return new BatchStart<>(null, run);
    }

    /**
     * The result an earlier run with the same body stored for item {@code index}, if it applied it.
     * Two runs that reach the same item at once (one took over from the other while it still
     * worked) queue on a lock of the item until the first one's transaction ends: the second then
     * finds its result instead of applying the item again.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> java.util.Optional<T> storedItem(String run, int index, Class<T> type) {
        em.createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))) item_lock")
                .setParameter("k", caller.id() + "\n" + run + "#" + index).getSingleResult();
        IdempotencyRecord stored = em.find(IdempotencyRecord.class, new IdempotencyRecord.Key(caller.id(), run + "#" + index));
        return stored == null || !stored.expiresAt.isAfter(Timestamps.now()) ? java.util.Optional.empty()
                : java.util.Optional.of(read(stored.responseBody, type));
    }

    /**
     * Stores an item's result in the transaction that applied it, so the two commit together,
     * and extends the batch's lease: a run that keeps making progress is never taken over.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void storeItem(String key, String run, int index, int status, Object result) {
        OffsetDateTime now = Timestamps.now();
        IdempotencyRecord record = new IdempotencyRecord();
        record.caller = caller.id();
        record.idempotencyKey = run + "#" + index;
        record.requestHash = "item";
        record.statusCode = status;
        record.responseBody = write(result);
        record.createdAt = now;
        record.expiresAt = now.plus(config.retention());
        em.persist(record);
        em.createQuery("update IdempotencyRecord r set r.leaseUntil = :lease"
                + " where r.caller = :caller and r.idempotencyKey = :key")
                .setParameter("lease", now.plus(config.batchLease())).setParameter("caller", record.caller)
                .setParameter("key", key).executeUpdate();
    }

    /**
     * Drops the stored results of items {@code from} (inclusive) to {@code to} of a run once they
     * can no longer be asked for: a run that records its own progress (an import job) needs them
     * only until it has recorded the step that applied them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forgetItems(String run, int from, int to) {
        em.createQuery("delete from IdempotencyRecord r where r.caller = :caller and r.idempotencyKey in :keys")
                .setParameter("caller", caller.id())
                .setParameter("keys", java.util.stream.IntStream.range(from, to).mapToObj(i -> run + "#" + i).toList())
                .executeUpdate();
    }

    /** Stores the batch's answer for replays and ends its in-progress mark. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void completeBatch(String key, int status, Object response) {
        IdempotencyRecord stored = em.find(IdempotencyRecord.class, new IdempotencyRecord.Key(caller.id(), key));
        if (stored == null) {
            return;
        }
        stored.statusCode = status;
        stored.responseBody = write(response);
        stored.leaseUntil = null;
    }

    private void lock(String callerId, String key) {
        Boolean locked = (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(hashtextextended(:k, 0))")
                .setParameter("k", callerId + "\n" + key).getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            throw new ProblemException(ProblemType.REQUEST_IN_PROGRESS,
                    "A request with this Idempotency-Key is still being processed; retry shortly.");
        }
    }

    private <T> T read(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored idempotent response is unreadable", e);
        }
    }

    private <T> RestResponse<T> replay(IdempotencyRecord stored, Class<T> type) {
        T body = read(stored.responseBody, type);
        RestResponse.ResponseBuilder<T> builder = RestResponse.ResponseBuilder.<T>create(stored.statusCode).entity(body)
                .header(REPLAYED_HEADER, "true");
        if (stored.location != null) {
            builder.location(URI.create(stored.location));
        }
        if (stored.etag != null) {
            builder.header("ETag", stored.etag);
        }
        return builder.build();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("request could not be serialised", e);
        }
    }

    private static String hash(String value) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
