package io.tapbus.runtime.jpos;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jpos.iso.ISOBasePackager;
import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOFieldPackager;

/**
 * A jPOS packager with the field packagers of another (ISO87APackager, ISO87BPackager) that keeps the exact bytes of
 * every message it packs and unpacks: what TapBus put on the wire, and what jPOS did. jPOS is AGPL-3.0, a test
 * dependency only.
 */
public final class RecordingPackager extends ISOBasePackager {

    public final List<byte[]> packed = new CopyOnWriteArrayList<>();
    public final List<byte[]> unpacked = new CopyOnWriteArrayList<>();

    public RecordingPackager(ISOBasePackager base) {
        ISOFieldPackager[] fields = new ISOFieldPackager[129];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = base.getFieldPackager(i);
        }
        setFieldPackager(fields);
    }

    @Override
    public byte[] pack(ISOComponent m) throws ISOException {
        byte[] bytes = super.pack(m);
        packed.add(bytes.clone());
        return bytes;
    }

    @Override
    public int unpack(ISOComponent m, byte[] b) throws ISOException {
        unpacked.add(b.clone());
        return super.unpack(m, b);
    }
}
