package io.deepedge.experiments.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code report} and {@code trace} given what a new user might type: malformed result files, empty paths,
 * directories where files belong. Each gives exit code 2, a message naming where the problem is, no stack trace,
 * and leaves every file as it was.
 */
class HostileInputTest {
    private static final String RUNS = """
            experiment,mode,policy,replication,seed,finished,retrain_time_sec,plan_time_ms,devices_used,plan,lc_requests,lc_misses,lc_miss_rate,lc_p50_ms,lc_p95_ms,lc_p99_ms,failures,work_lost_sec
            x,sim,a,0,1,true,10.5,,1,n:10,100,1,0.01,5,8,9,0,0
            x,sim,a,1,2,false,,,1,n:10,100,2,0.02,5,8,9,0,0
            """;
    private static final String SERVICES = """
            policy,replication,service,device,colocated,requests,misses,mean_ms,p50_ms,p95_ms,p99_ms
            a,0,detector,n,true,100,1,4,5,8,9
            a,1,detector,n,true,100,2,4,5,8,9
            """;

    @TempDir
    Path tmp;
    private Path dir;

    @BeforeEach
    void resultDirectory() throws IOException {
        dir = Files.createDirectories(tmp.resolve("result"));
        Files.writeString(dir.resolve("runs.csv"), RUNS);
        Files.writeString(dir.resolve("services.csv"), SERVICES);
        Files.writeString(dir.resolve("summary.csv"), "the user's own summary, kept unless the report is drawn\n");
        Files.writeString(dir.resolve("manifest.json"), "{\"writtenBy\" : \"deepedge result directory\"}");
        Files.writeString(tmp.resolve("notes.txt"), "a user's file\n");
    }

    @Test
    void reportRefusesAFolderThisToolDidNotWrite() throws IOException {
        Files.delete(dir.resolve("manifest.json"));
        CliTest.Outcome o = CliTest.cli("report", dir.toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().startsWith("DIR: not a result directory of this tool"), o.err());
        assertEquals("the user's own summary, kept unless the report is drawn\n", Files.readString(dir.resolve("summary.csv")));
        assertFalse(Files.exists(dir.resolve("report.html")));
    }

    @Test
    void reportOfTheValidDirectoryWorks() {
        CliTest.Outcome o = CliTest.cli("report", dir.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.exists(dir.resolve("report.html")));
    }

    /**
     * One malformed file per case (the text replaced in it, or the whole file when {@code from} is *): exit 2,
     * {@code FILE:LINE: column: problem (value), expected ...}, and summary.csv, report.html and plots/ untouched.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "runs.csv|lc_miss_rate,|lc_miss_ratio,|runs.csv:1: lc_miss_rate: required column missing from the header (",
            "runs.csv|false,,,1,n:10,100,2,0.02|false,,,1,n:10,100,2,abc|runs.csv:3: lc_miss_rate: not a number (abc), expected a number",
            "runs.csv|true,10.5|yes,10.5|runs.csv:2: finished: not true or false (yes), expected true or false",
            "runs.csv|8,9,0,0\\nx|8,9,0\\nx|runs.csv:2: work_lost_sec: row too short: 17 cells, this column is missing (",
            "runs.csv|*|''|runs.csv:1: header: empty file (0 bytes), expected a header line naming the columns experiment,",
            "runs.csv|,n:10,100,2|,\"n:10,100,2|runs.csv:3: plan: quoted cell not closed before the end of the file (",
            "services.csv|true,100,2|true,-3,2|services.csv:3: requests: negative (-3), expected a whole number >= 0",
            "services.csv|a,0,detector|,0,detector|services.csv:2: policy: empty (), expected a non-empty name"})
    void reportOfAMalformedFileExitsTwoNamingFileLineAndColumnAndWritesNothing(String file, String from, String to,
                                                                              String message) throws IOException {
        Path target = dir.resolve(file);
        String text = Files.readString(target);
        String broken = from.equals("*") ? to : text.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
        assertFalse(broken.equals(text) && !from.equals("*"), "the case changes the file");
        Files.writeString(target, broken);

        assertRefusedAndUnchanged(dir + "/" + message, "report", dir.toString());
    }

    /** Bytes that are not UTF-8 are named by line, column and byte offset (the offset counted here). */
    @Test
    void reportOfANonUtf8FileNamesLineColumnAndByteOffset() throws IOException {
        String latin1 = RUNS.replace("x,sim,a,1", "x,s\u00e9m,a,1");
        byte[] bytes = latin1.getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("runs.csv"), bytes);
        int offset = latin1.indexOf('\u00e9');

        assertRefusedAndUnchanged(dir + "/runs.csv:3: mode: not UTF-8 text (byte 0xE9 at byte offset " + offset
                + "), expected a UTF-8 text file", "report", dir.toString());
    }

    /** {@code trace synth --out} refuses every existing or impossible target up front. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "folder|''|--out: an existing directory (TMP/folder), expected a path for a new file",
            "''|''|--out: empty path (\"\"), expected a path for a new file",
            ".|''|--out: an existing directory (.), expected a path for a new file",
            "TMP/notes.txt/x.csv|''|--out: parent is not a directory (TMP/notes.txt), expected a path for a new file",
            "TMP/missing/x.csv|''|--out: directory does not exist (TMP/missing), expected a path for a new file",
            "TMP/notes.txt|''|--out: file exists (TMP/notes.txt), expected a path for a new file in an existing directory, or --force",
            "folder|--force|--out: an existing directory (TMP/folder), expected a path for a new file",
            "TMP/new/|''|--out: names a directory (TMP/new/), expected a path for a new file"})
    void traceSynthRefusesABadOutputPathAndWritesNothing(String out, String force, String message) throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("folder"));
        Files.writeString(folder.resolve("mine.csv"), "the user's own trace\n");
        String path = out.equals("folder") ? folder.toString() : out.replace("TMP", tmp.toString());
        String[] args = Stream.concat(Stream.of("trace", "synth", "--out", path, "--minutes", "2"),
                force.isEmpty() ? Stream.empty() : Stream.of(force)).toArray(String[]::new);

        assertRefusedAndUnchanged(message.replace("TMP", tmp.toString()), args);
    }

    @Test
    void traceSynthReplacesAnExistingFileOnlyWithForceAndLeavesNoTemporaryFile() throws IOException {
        Path trace = tmp.resolve("notes.txt");
        CliTest.Outcome o = CliTest.cli("trace", "synth", "--out", trace.toString(), "--minutes", "2", "--force");

        assertEquals(0, o.code(), o.err());
        assertTrue(Files.readString(trace).startsWith("HashOwner,HashApp,HashFunction,Trigger,1,2\n"));
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of("notes.txt", "result"), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    /** The other commands' file arguments: empty, a directory for a file, a file for a directory, missing, not UTF-8. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "trace stats|''|FILE: empty path (\"\"), expected a trace file",
            "trace stats|TMP/result|TMP/result: is a directory, not a trace file, expected a readable CSV file",
            "trace stats|TMP/none.csv|TMP/none.csv: cannot read the trace file (no such file), expected a readable CSV file",
            "trace stats|TMP/latin1.csv|TMP/latin1.csv:",
            "report|''|DIR: empty path (\"\"), expected a result directory",
            "report|TMP/notes.txt|DIR: not a directory (TMP/notes.txt), expected a result directory",
            "report|TMP/none|DIR: no such directory (TMP/none), expected a result directory",
            "report|TMP|DIR: no runs.csv in (TMP), expected a result directory"})
    void otherCommandsRefuseHostilePathsWithExitTwo(String command, String argument, String message) throws IOException {
        Files.write(tmp.resolve("latin1.csv"), "time_sec\n1\n2\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        String[] args = Stream.concat(Arrays.stream(command.split(" ")), Stream.of(argument.replace("TMP", tmp.toString())))
                .toArray(String[]::new);

        assertRefusedAndUnchanged(message.replace("TMP", tmp.toString()), args);
    }

    @Test
    void reportRefusesAPlotsPathThatIsNotADirectory() throws IOException {
        Files.writeString(dir.resolve("plots"), "not a folder\n");

        assertRefusedAndUnchanged("DIR: plots is not a directory (a file or a link: " + dir.resolve("plots") + ")", "report", dir.toString());
    }

    /** Runs the CLI and checks exit 2, the first problem line's start, no stack trace, and no file changed. */
    private void assertRefusedAndUnchanged(String messageStart, String... args) throws IOException {
        Map<String, byte[]> before = snapshot();
        CliTest.Outcome o = CliTest.cli(args);

        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().startsWith(messageStart), "expected the message to start with\n" + messageStart + "\nbut was\n" + o.err());
        assertFalse(o.err().contains("Exception") || o.err().contains("\tat "), o.err());
        Map<String, byte[]> after = snapshot();
        assertEquals(before.keySet(), after.keySet(), "no file created or deleted");
        before.forEach((file, bytes) -> assertArrayEquals(bytes, after.get(file), file + " unchanged"));
    }

    /** Every file and directory under tmp, with the content of each file. */
    private Map<String, byte[]> snapshot() throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(tmp)) {
            for (Path p : all.toList()) {
                files.put(tmp.relativize(p) + (Files.isDirectory(p) ? "/" : ""),
                        Files.isDirectory(p) ? new byte[0] : Files.readAllBytes(p));
            }
        }
        return files;
    }
}
