package interviewlab.redisvsrabbitmq.throughput;

import com.rabbitmq.perf.PerfTest;
import interviewlab.support.services.RabbitMqService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RabbitMQ's PerfTest, run in this JVM as its documentation allows, with one producer and no consumer. */
final class PerfTestRun {
    // PerfTest ends with "id: lab, sending rate avg: 41234 msg/s".
    private static final Pattern SENDING_RATE = Pattern.compile("sending rate avg: ([0-9]+) msg/s");

    /** Publishes into the setting's prepared queue; the rate PerfTest reports for its producer. */
    static double publish(RabbitMqService rabbit, RabbitSetting setting, int messages) {
        List<String> args = new ArrayList<>(List.of(
                "--uri",
                "amqp://guest:guest@" + rabbit.getHost() + ":" + rabbit.getMappedPort(RabbitMqService.AMQP_PORT),
                "--id",
                "lab",
                "--producers",
                "1",
                "--consumers",
                "0",
                "--pmessages",
                String.valueOf(messages),
                "--size",
                String.valueOf(Setting.MESSAGE_BYTES),
                "--exchange",
                RabbitSetting.EXCHANGE,
                "--type",
                "direct",
                "--routing-key",
                RabbitSetting.QUEUE,
                "--queue",
                RabbitSetting.QUEUE,
                "--predeclared"));
        if (setting.persistent()) {
            args.addAll(List.of("--flag", "persistent"));
        }
        if (setting.confirms()) {
            // PerfTest bounds the unconfirmed messages; the whole trial, as the lab's client leaves them unbounded.
            args.addAll(List.of("--confirm", String.valueOf(messages)));
        }
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int[] exitStatus = {0};
        PrintStream systemOut = System.out;
        try (PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            // PerfTest prints its producers' start to System.out, past its console option; the trials run one at a
            // time.
            System.setOut(out);
            PerfTest.main(
                    args.toArray(String[]::new),
                    new PerfTest.PerfTestOptions()
                            .setSystemExiter(status -> exitStatus[0] = status)
                            .setConsoleOut(out)
                            .setConsoleErr(out)
                            // no PERF_TEST_* environment variable of the machine changes the run
                            .setArgumentLookup(name -> null)
                            .setSkipSslContextConfiguration(true));
        } finally {
            System.setOut(systemOut);
        }
        String printed = console.toString(StandardCharsets.UTF_8);
        if (exitStatus[0] != 0) {
            throw new IllegalStateException("PerfTest exited " + exitStatus[0] + ": " + printed.strip());
        }
        return rate(printed);
    }

    static double rate(String printed) {
        Matcher rate = SENDING_RATE.matcher(printed);
        if (!rate.find()) {
            throw new IllegalStateException("PerfTest printed no sending rate: " + printed.strip());
        }
        return Double.parseDouble(rate.group(1));
    }

    private PerfTestRun() {}
}
