package io.tapbus.runtime.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * What the writer gives each unit of a batch: the state that decides, staged rows, and (for units that
 * must also read or write at once) the writer's own database handle. Staged rows and state changes of a
 * unit join the batch only when the unit returns; a unit that throws leaves no trace.
 *
 * <p>At flush, staged rows are written with one JDBC batch per statement: decisions first, then
 * transactions (the rows others refer to), then the other statements in the order they were first
 * staged, then every changed state key once with its final value.
 */
public final class Batch {
    private final Connection connection;
    private final Handle handle;
    private final Map<String, PreparedStatement> statements;

    private final Map<String, List<Object[]>> rows = new LinkedHashMap<>();
    private final Map<StateTable<?, ?>, Map<Object, Object>> changed = new LinkedHashMap<>();
    private final List<Runnable> afterDurable = new ArrayList<>();

    private List<String> unitSql;
    private List<Object[]> unitArgs;
    private Map<StateTable<?, ?>, Map<Object, Object>> unitChanged;
    private List<Runnable> unitAfterDurable;
    private Savepoint unitSavepoint;

    /** Writes every journaled change into the tables, so a unit that reads them sees everything answered. */
    private final Runnable catchUp;
    private boolean direct;

    Batch(Connection connection, Handle handle, Map<String, PreparedStatement> statements, Runnable catchUp) {
        this.connection = connection;
        this.handle = handle;
        this.statements = statements;
        this.catchUp = catchUp;
    }

    private boolean tablesRequired;

    /** Asks for every journaled change to be in the tables when this batch is answered (read-your-writes). */
    public void requireTables() {
        tablesRequired = true;
    }

    boolean tablesRequired() {
        return tablesRequired;
    }

    /** Whether a unit used the handle: the batch is then made durable by the database, not the journal. */
    boolean direct() {
        return direct;
    }

    /** Stages a row-writing statement (INSERT or UPDATE), executed in the batch's flush. */
    public void stage(String sql, Object... args) {
        if (unitSavepoint != null) {
            executeNow(sql, args); // the unit writes directly: keep its statements in order
            return;
        }
        unitSql.add(sql);
        unitArgs.add(args);
    }

    /** The value the unit sees: its own change, else the batch's, else the last durable one (null when none). */
    @SuppressWarnings("unchecked")
    public <K, V> V state(StateTable<K, V> table, K key) {
        Map<Object, Object> mine = unitChanged.get(table);
        if (mine != null && mine.containsKey(key)) {
            return (V) mine.get(key);
        }
        Map<Object, Object> batch = changed.get(table);
        if (batch != null && batch.containsKey(key)) {
            return (V) batch.get(key);
        }
        return table.knownInWriter(handle, key).value();
    }

    /** Changes a state value; stored and published when the batch is durable. */
    public <K, V> void put(StateTable<K, V> table, K key, V value) {
        unitChanged.computeIfAbsent(table, t -> new HashMap<>()).put(key, value);
    }

    /** Runs after the batch is durable, before the callers are answered (to update caches). */
    public void afterDurable(Runnable action) {
        unitAfterDurable.add(action);
    }

    /**
     * The writer's database handle, for a unit that must read a row or write at once. Writes through it
     * are undone if the unit throws (a savepoint is set on first use); from then on the unit's staged rows
     * are written at once too, so its statements keep their order.
     */
    public Handle handle() {
        if (unitSavepoint == null) {
            if (!direct) {
                catchUp.run();
                direct = true;
            }
            try {
                unitSavepoint = connection.setSavepoint();
                for (int i = 0; i < unitSql.size(); i++) {
                    executeNow(unitSql.get(i), unitArgs.get(i));
                }
                unitSql.clear();
                unitArgs.clear();
            } catch (SQLException e) {
                throw new StorageUnavailable("the writer's connection failed", e);
            }
        }
        return handle;
    }

    private void executeNow(String sql, Object[] args) {
        try {
            PreparedStatement ps = statement(sql);
            bind(ps, args);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new io.tapbus.runtime.db.Sql.SqlFailure(e);
        }
    }

    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        Row.bind(ps, args);
    }

    void beginUnit() {
        unitSql = new ArrayList<>();
        unitArgs = new ArrayList<>();
        unitChanged = new HashMap<>();
        unitAfterDurable = new ArrayList<>();
        unitSavepoint = null;
    }

    /** Joins the unit's rows and changes to the batch, or drops them (and undoes its direct writes). */
    void endUnit(boolean applied) throws SQLException {
        if (applied) {
            for (String sql : unitSql) {
                statement(sql); // a statement the database cannot prepare fails its unit here, not later in the tables
            }
            for (int i = 0; i < unitSql.size(); i++) {
                rows.computeIfAbsent(unitSql.get(i), s -> new ArrayList<>()).add(unitArgs.get(i));
            }
            unitChanged.forEach((table, values) -> changed.computeIfAbsent(table, t -> new HashMap<>()).putAll(values));
            afterDurable.addAll(unitAfterDurable);
        } else if (unitSavepoint != null) {
            connection.rollback(unitSavepoint);
        }
    }

    /**
     * The batch's rows in execution order: the staged rows, the contributors' rows, then every changed
     * state key once.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    List<Row> finish(List<BatchContributor> contributors) throws SQLException {
        for (BatchContributor c : contributors) {
            if (c.pending()) {
                beginUnit();
                c.contribute(this);
                endUnit(true);
            }
        }
        for (Map.Entry<StateTable<?, ?>, Map<Object, Object>> e : changed.entrySet()) {
            StateTable table = e.getKey();
            beginUnit();
            for (Map.Entry<Object, Object> kv : e.getValue().entrySet()) {
                boolean exists = table.knownInWriter(handle, kv.getKey()).rowExists();
                table.stageWrite(this, kv.getKey(), kv.getValue(), exists);
            }
            for (int i = 0; i < unitSql.size(); i++) {
                rows.computeIfAbsent(unitSql.get(i), s -> new ArrayList<>()).add(unitArgs.get(i));
            }
        }
        List<Map.Entry<String, List<Object[]>>> ordered = new ArrayList<>(rows.entrySet());
        ordered.sort(java.util.Comparator.comparingInt(e -> rank(e.getKey()))); // stable: first use within a rank
        List<Row> out = new ArrayList<>();
        for (Map.Entry<String, List<Object[]>> e : ordered) {
            for (Object[] args : e.getValue()) {
                out.add(new Row(e.getKey(), args));
            }
        }
        return out;
    }

    /** Rows that others refer to go first: decisions, then transactions, then everything else. */
    private static int rank(String sql) {
        if (sql.startsWith("INSERT INTO decision_record")) {
            return 0;
        }
        return sql.startsWith("INSERT INTO txn") ? 1 : 2;
    }

    /** After the commit is durable: new state values become visible, then the after-durable actions run. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void publish() {
        for (Map.Entry<StateTable<?, ?>, Map<Object, Object>> e : changed.entrySet()) {
            StateTable table = e.getKey();
            e.getValue().forEach(table::publish);
        }
        afterDurable.forEach(Runnable::run);
    }
}
