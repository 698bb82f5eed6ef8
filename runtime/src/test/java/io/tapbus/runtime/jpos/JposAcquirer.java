package io.tapbus.runtime.jpos;

import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jpos.iso.IFA_LLCHAR;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISORequestListener;
import org.jpos.iso.ISOServer;
import org.jpos.iso.ISOSource;
import org.jpos.iso.channel.ASCIIChannel;
import org.jpos.iso.packager.ISO87APackager;
import org.jpos.util.ThreadPool;

/**
 * A bank host made of jPOS 2.1.10 (AGPL-3.0, test scope only): an ISOServer with ASCIIChannel (4 ASCII digit length
 * header) and ISO87APackager, whose request listener answers 0800 with 00, approves a purchase or authorization,
 * declines {@link #DECLINED_PAN} with 05, stays silent on {@link #SILENT_AMOUNT}, answers {@link #OWN_LAYOUT_AMOUNT}
 * with a field 48 packed as this host's own layout has it (LLVAR, where ISO 8583:1987 has LLLVAR) and acknowledges
 * reversals with 00.
 */
public final class JposAcquirer implements ISORequestListener, AutoCloseable {

    public static final String DECLINED_PAN = "4000000000000002";
    public static final long SILENT_AMOUNT = 6666;
    public static final long OWN_LAYOUT_AMOUNT = 4848;
    public static final String AUTH_CODE = "JP0001";

    public final RecordingPackager packager = new RecordingPackager(new OwnField48());
    /** Every request the host received, as jPOS unpacked it. */
    public final List<ISOMsg> requests = new CopyOnWriteArrayList<>();
    /** Every answer the host sent. */
    public final List<ISOMsg> answers = new CopyOnWriteArrayList<>();
    private final ISOServer server;
    private final int port;

    /** ISO87APackager with field 48 as LLVAR: the host's layout differs from the standard's in that one field. */
    private static final class OwnField48 extends ISO87APackager {
        OwnField48() {
            fld[48] = new IFA_LLCHAR(99, "HOST PRIVATE DATA");
            setFieldPackager(fld);
        }
    }

    public JposAcquirer(int port) throws Exception {
        this.port = port;
        server = new ISOServer(port, new ASCIIChannel(packager), new ThreadPool(1, 8));
        server.addISORequestListener(this);
        Thread thread = new Thread(server, "jpos-acquirer");
        thread.setDaemon(true);
        thread.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                break;
            } catch (IOException notYet) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("jPOS acquirer did not listen on " + port);
                }
                Thread.sleep(20);
            }
        }
    }

    public int port() {
        return port;
    }

    public int connections() {
        return server.getConnectionCount();
    }

    /** The requests of one MTI received so far. */
    public List<ISOMsg> requests(String mti) {
        return requests.stream().filter(m -> mti.equals(mtiOf(m))).toList();
    }

    private static String mtiOf(ISOMsg m) {
        try {
            return m.getMTI();
        } catch (ISOException e) {
            return "";
        }
    }

    @Override
    public boolean process(ISOSource source, ISOMsg request) {
        try {
            requests.add((ISOMsg) request.clone());
            ISOMsg answer = (ISOMsg) request.clone();
            answer.setResponseMTI();
            answer.unset(new int[] {14, 35, 52, 55});
            String mti = request.getMTI();
            if (mti.startsWith("08") || mti.startsWith("04")) {
                answer.set(39, "00");
            } else {
                long amount = Long.parseLong(request.getString(4));
                if (amount == SILENT_AMOUNT) {
                    return true;
                }
                if (DECLINED_PAN.equals(request.getString(2))) {
                    answer.set(39, "05");
                } else {
                    answer.set(39, "00");
                    answer.set(38, AUTH_CODE);
                    if (amount == OWN_LAYOUT_AMOUNT) {
                        answer.set(48, "HOST PRIVATE DATA");
                    }
                }
            }
            answers.add(answer);
            source.send(answer);
            return true;
        } catch (ISOException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
