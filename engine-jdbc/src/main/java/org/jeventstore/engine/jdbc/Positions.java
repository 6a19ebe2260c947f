package org.jeventstore.engine.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jeventstore.spi.Pages;
import org.jeventstore.spi.Position;
import org.jeventstore.spi.PositionStore;

/** Durable positions: one row each; the conditional replace is one conditional statement. */
final class Positions implements PositionStore {

    private final Db db;
    private final int pageSize;
    private final String readSql;
    private final String saveSql;
    private final String insertSql;
    private final String replaceSql;
    private final String deleteSql;
    private final String listSql;
    private final String nextSql;

    Positions(Db db, int pageSize) {
        this.db = db;
        this.pageSize = pageSize;
        String table = db.tables().positions();
        readSql = "SELECT checkpoint, lease FROM " + table + " WHERE name = ?";
        String into = table + " (name, checkpoint, lease) VALUES (?, ?, ?)";
        saveSql = db.dialect().upsert(into, "name", List.of("checkpoint", "lease"));
        insertSql = db.dialect().insertIfAbsent(into, "name");
        replaceSql = "UPDATE " + table + " SET checkpoint = ?, lease = ? WHERE name = ? AND checkpoint = ? AND lease = ?";
        deleteSql = "DELETE FROM " + table + " WHERE name = ?";
        listSql = "SELECT name, checkpoint, lease FROM " + table + " WHERE name >= ? ORDER BY name LIMIT ?";
        nextSql = "SELECT name, checkpoint, lease FROM " + table + " WHERE name > ? ORDER BY name LIMIT ?";
    }

    @Override
    public Optional<Position> get(String name) {
        return db.call("read position " + name, c -> {
            try (PreparedStatement s = c.prepareStatement(readSql)) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new Position(name, r.getLong(1), r.getString(2))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void put(Position position) {
        update("save position " + position.name(), saveSql, position, null);
    }

    @Override
    public boolean replace(Position expected, Position next) {
        if (expected == null) {
            return update("create position " + next.name(), insertSql, next, null) == 1;
        }
        return update("replace position " + next.name(), replaceSql, next, expected) == 1;
    }

    private int update(String what, String sql, Position next, Position expected) {
        return db.call(what, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                if (expected == null) {
                    s.setString(1, next.name());
                    s.setLong(2, next.checkpoint());
                    s.setString(3, next.lease());
                } else {
                    s.setLong(1, next.checkpoint());
                    s.setString(2, next.lease());
                    s.setString(3, next.name());
                    s.setLong(4, expected.checkpoint());
                    s.setString(5, expected.lease());
                }
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void delete(String name) {
        db.call("delete position " + name, c -> {
            try (PreparedStatement s = c.prepareStatement(deleteSql)) {
                s.setString(1, name);
                return s.executeUpdate();
            }
        });
    }

    /** By name from the prefix on: names with the prefix are contiguous in the index's (byte) order. */
    @Override
    public Stream<Position> list(String namePrefix) {
        return Pages.stream(pageSize, last -> db.call("list positions", c -> {
            try (PreparedStatement s = c.prepareStatement(last == null ? listSql : nextSql)) {
                s.setString(1, last == null ? namePrefix : last.name());
                s.setInt(2, pageSize);
                List<Position> page = new ArrayList<>(pageSize);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        String name = r.getString(1);
                        if (!name.startsWith(namePrefix)) {
                            break;
                        }
                        page.add(new Position(name, r.getLong(2), r.getString(3)));
                    }
                }
                return page;
            }
        }));
    }
}
