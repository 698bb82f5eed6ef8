package io.tapbus.samples.bank;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.List;

/**
 * The control port: one command per line, one reply per command (the journal ends with a line {@code end}).
 *
 * <pre>
 * delay MS      answer after MS milliseconds (0: at once)
 * timeout       decide and journal, never answer
 * disconnect    decide and journal, then close the connection instead of answering
 * answer        answer again
 * status        the mode and delay
 * journal       the journal, one JSON object per line, then "end"
 * clear         empty the journal
 * help          this list
 * </pre>
 */
@ChannelHandler.Sharable
final class ControlHandler extends SimpleChannelInboundHandler<String> {

    static final String HELP = "commands: delay MS | timeout | disconnect | answer | status | journal | clear | help";

    private final Behaviour behaviour;
    private final Journal journal;

    ControlHandler(Behaviour behaviour, Journal journal) {
        this.behaviour = behaviour;
        this.journal = journal;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, String line) {
        ctx.writeAndFlush(execute(line.strip()) + "\n");
    }

    String execute(String line) {
        String[] words = line.split("\\s+");
        try {
            switch (words[0].toLowerCase()) {
                case "delay" -> behaviour.delayMillis(millis(words));
                case "timeout", "disconnect", "answer" -> behaviour.mode(Mode.parse(words[0]));
                case "status" -> {
                    return "ok " + behaviour;
                }
                case "journal" -> {
                    List<String> lines = journal.asJsonLines();
                    return lines.isEmpty() ? "end" : String.join("\n", lines) + "\nend";
                }
                case "clear" -> journal.clear();
                case "help", "" -> {
                    return HELP;
                }
                default -> throw new UsageException("unknown command '" + words[0] + "'; " + HELP);
            }
            return "ok " + behaviour;
        } catch (UsageException e) {
            return "error: " + e.getMessage();
        }
    }

    private static long millis(String[] words) throws UsageException {
        if (words.length != 2) {
            throw new UsageException("delay needs one number of milliseconds");
        }
        return SimulatorOptions.nonNegative("delay", words[1]);
    }
}
