package io.tapbus.runtime.write;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A journal record's payload: {@code long seq}, the statements first used in this file ({@code int
 * count, UTF sql...}), then {@code int rows} of {@code int statement, byte argc, typed args}.
 */
final class JournalCodec {
    private JournalCodec() {
    }

    static byte[] encode(long seq, List<Row> rows, Map<String, Integer> defined) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + rows.size() * 96);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeLong(seq);
        List<String> fresh = new ArrayList<>();
        for (Row r : rows) {
            if (!defined.containsKey(r.sql())) {
                defined.put(r.sql(), defined.size());
                fresh.add(r.sql());
            }
        }
        out.writeInt(fresh.size());
        for (String s : fresh) {
            out.writeUTF(s);
        }
        out.writeInt(rows.size());
        for (Row r : rows) {
            out.writeInt(defined.get(r.sql()));
            out.writeByte(r.args().length);
            for (Object a : r.args()) {
                writeArg(out, a);
            }
        }
        out.flush();
        return bytes.toByteArray();
    }

    static Journal.Entry decode(byte[] payload, Map<Integer, String> sql) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        long seq = in.readLong();
        int fresh = in.readInt();
        for (int i = 0; i < fresh; i++) {
            sql.put(sql.size(), in.readUTF());
        }
        int count = in.readInt();
        List<Row> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String statement = sql.get(in.readInt());
            Object[] args = new Object[in.readByte()];
            for (int a = 0; a < args.length; a++) {
                args[a] = readArg(in);
            }
            rows.add(new Row(statement, args));
        }
        return new Journal.Entry(seq, rows);
    }

    private static void writeArg(DataOutputStream out, Object a) throws IOException {
        if (a == null) {
            out.writeByte(0);
        } else if (a instanceof String s) {
            byte[] utf = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeByte(1);
            out.writeInt(utf.length);
            out.write(utf);
        } else if (a instanceof Long l) {
            out.writeByte(2);
            out.writeLong(l);
        } else if (a instanceof Integer i) {
            out.writeByte(3);
            out.writeInt(i);
        } else if (a instanceof Double d) {
            out.writeByte(4);
            out.writeDouble(d);
        } else if (a instanceof Boolean b) {
            out.writeByte(5);
            out.writeBoolean(b);
        } else if (a instanceof Instant t) {
            out.writeByte(6);
            out.writeLong(t.getEpochSecond());
            out.writeInt(t.getNano());
        } else if (a instanceof java.sql.Timestamp t) {
            writeArg(out, t.toInstant());
        } else if (a instanceof LocalDate d) {
            out.writeByte(7);
            out.writeLong(d.toEpochDay());
        } else if (a instanceof byte[] b) {
            out.writeByte(8);
            out.writeInt(b.length);
            out.write(b);
        } else {
            throw new IllegalArgumentException("the journal cannot hold a " + a.getClass().getName());
        }
    }

    private static Object readArg(DataInputStream in) throws IOException {
        int tag = in.readByte();
        return switch (tag) {
            case 0 -> null;
            case 1 -> {
                byte[] utf = new byte[in.readInt()];
                in.readFully(utf);
                yield new String(utf, java.nio.charset.StandardCharsets.UTF_8);
            }
            case 2 -> in.readLong();
            case 3 -> in.readInt();
            case 4 -> in.readDouble();
            case 5 -> in.readBoolean();
            case 6 -> Instant.ofEpochSecond(in.readLong(), in.readInt());
            case 7 -> LocalDate.ofEpochDay(in.readLong());
            case 8 -> {
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                yield b;
            }
            default -> throw new IOException("unknown argument type " + tag + " in the journal");
        };
    }

}
