package io.tapbus.samples.load;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * One keep-alive connection of the open-loop sender: the FIFO of its requests in flight (step id and index), matched
 * in order to its answers and handed to its {@link SenderLoop}; on its event loop only.
 */
final class Lane extends ChannelInboundHandlerAdapter {
    final int id;
    Channel channel;
    SenderLoop loop;
    boolean dirty;
    volatile boolean closed;
    private long[] fifo = new long[64];
    private int head;
    private int size;

    Lane(int id) {
        this.id = id;
    }

    @Override
    public boolean isSharable() {
        return false;
    }

    void push(int stepId, int index) {
        if (size == fifo.length) {
            long[] bigger = new long[fifo.length * 2];
            for (int k = 0; k < size; k++) {
                bigger[k] = fifo[(head + k) % fifo.length];
            }
            fifo = bigger;
            head = 0;
        }
        fifo[(head + size) % fifo.length] = ((long) stepId << 32) | (index & 0xFFFFFFFFL);
        size++;
    }

    long pop() {
        if (size == 0) {
            return -1;
        }
        long e = fifo[head];
        head = (head + 1) % fifo.length;
        size--;
        return e;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            long e = pop();
            if (e < 0) {
                return; // an answer nobody asked for (e.g. an ERROR before the server closes): nothing to match
            }
            loop.answer((int) (e >>> 32), (int) e, id, msg);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        if (loop == null) {
            return;
        }
        long e;
        while ((e = pop()) >= 0) {
            loop.lost((int) (e >>> 32), "CONNECTION_CLOSED");
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
