package io.tapbus.runtime.write;

/**
 * One request's durable change. The single writer applies it inside a batch: it checks the state that
 * decides (through {@link Batch#state}), changes it, and stages the rows that record the change. The
 * result reaches the caller only after the whole batch is on stable storage.
 *
 * <p>A unit touches nothing but its batch: if the batch cannot be stored, the writer throws away the
 * batch's state changes and may apply the unit once more on its own.
 */
@FunctionalInterface
public interface WriteUnit<R> {
    R apply(Batch batch) throws Exception;
}
