package app.hearth.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU used during a phase, from Linux's /proc, as a share of the whole machine (all cores = 100%): this JVM,
 * the PostgreSQL server processes, and everything else (the protocol calls a phase in which "other" exceeds 5%
 * noise). Reads nothing when /proc is missing; then every figure is NaN.
 */
final class CpuMeter {

    /** One reading: machine busy and total ticks, this process's ticks, PostgreSQL's ticks. */
    record Sample(long machineBusy, long machineTotal, long jvm, long postgres) {
    }

    /** Shares of the machine between two samples, in percent. */
    record Usage(double jvm, double postgres, double other) {
    }

    private CpuMeter() {
    }

    static Sample sample() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(cpu.length, 9); i++) { // user..steal; guest time is already in user
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            long jvm = processTicks(Path.of("/proc/self/stat"));
            long postgres = 0;
            try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
                for (Path process : (Iterable<Path>) processes::iterator) {
                    String name = process.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    try {
                        String stat = Files.readString(process.resolve("stat"));
                        if (stat.contains("(postgres)")) {
                            postgres += ticksOf(stat);
                        }
                    } catch (IOException | RuntimeException gone) {
                        // the process ended meanwhile
                    }
                }
            }
            return new Sample(total - idle, total, jvm, postgres);
        } catch (IOException | RuntimeException unavailable) {
            return new Sample(0, 0, 0, 0);
        }
    }

    static Usage between(Sample from, Sample to) {
        double total = to.machineTotal() - from.machineTotal();
        if (total <= 0) {
            return new Usage(Double.NaN, Double.NaN, Double.NaN);
        }
        double busy = (to.machineBusy() - from.machineBusy()) / total * 100;
        double jvm = (to.jvm() - from.jvm()) / total * 100;
        // Ticks of PostgreSQL backends that ended during the phase are lost; "other" never goes below zero.
        double postgres = (to.postgres() - from.postgres()) / total * 100;
        return new Usage(jvm, Math.max(0, postgres), Math.max(0, busy - jvm - Math.max(0, postgres)));
    }

    private static long processTicks(Path stat) throws IOException {
        return ticksOf(Files.readString(stat));
    }

    /** utime + stime of one /proc/[pid]/stat line (fields 14 and 15, counted after the command's ')'). */
    private static long ticksOf(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
