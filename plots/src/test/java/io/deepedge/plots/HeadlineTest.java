package io.deepedge.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The headline names the fastest policy that kept every SLO, what faster ones broke, and when none kept them. */
class HeadlineTest {
    @Test
    void picksTheFastestPolicyThatKeptEverySloAndNamesWhatTheFasterOneBroke() {
        SloFixture f = new SloFixture("sim");
        for (int r = 0; r < 2; r++) {
            f.run("greedy", r, 800.0, 0.1, 400, 1).service("greedy", r, "speech", "orin", 250, 400 + 24 * r)
                    .service("greedy", r, "detector", "nano-1", 100, 80);
            f.run("careful", r, 1000.0, 0.01, 90, 0).service("careful", r, "speech", "orin", 250, 200)
                    .service("careful", r, "detector", "nano-1", 100, 90);
            f.run("slow", r, 2000.0, 0.0, 50, 0).service("slow", r, "detector", "nano-1", 100, 60);
        }
        List<Headline.Answer> answers = Headline.answers(f.runsCsv(), Optional.of(f.servicesCsv()));
        assertEquals(1, answers.size());
        assertEquals(Optional.of("careful"), answers.get(0).best());
        assertEquals("careful is the fastest policy that kept every SLO in the co-location view and finished every"
                + " run: mean re-training time 1000 s over 2 runs. Faster: greedy (800 s, 20 % faster) broke speech on"
                + " orin (co-located p99 412 ms > deadline 250 ms in 2 of 2 runs).", answers.get(0).sentence());
    }

    @Test
    void aFasterPolicyWithAnUnfinishedRunIsNeverTheBest() {
        SloFixture f = new SloFixture("sim")
                .run("lucky", 0, 500.0, 0.0, 50, 0).run("lucky", 1, null, 0.0, 50, 0)
                .run("steady", 0, 900.0, 0.0, 50, 0).run("steady", 1, 900.0, 0.0, 50, 0);
        Headline.Answer a = Headline.answers(f.runsCsv(), Optional.empty()).get(0);
        assertEquals(Optional.of("steady"), a.best());
        assertTrue(a.sentence().contains("lucky (500 s, 44.44 % faster, over its 1 finished of 2 runs) kept every SLO"
                + " but did not finish every run"), a.sentence());
    }

    @Test
    void saysWhenNoPolicyKeptEverySlo() {
        SloFixture f = new SloFixture("sim", "rate");
        f.run("a", 0, 800.0, 0.1, 400, 2, "12").service("a", 0, "speech", "orin", 250, 300, "12")
                .service("a", 0, "speech", "tx2", 250, 260, "12");
        f.run("b", 0, 900.0, 0.1, 400, 1, "12").service("b", 0, "speech", "orin", 250, 500, "12");
        f.run("a", 0, 800.0, 0.0, 40, 0, "2").run("b", 0, 700.0, 0.0, 40, 0, "2");
        List<Headline.Answer> answers = Headline.answers(f.runsCsv(), Optional.of(f.servicesCsv()));
        assertEquals(Optional.empty(), answers.get(0).best());
        assertEquals("rate=12: No policy kept every SLO in the co-location view. Fewest broken: b (1 per run on"
                + " average), which broke speech on orin (co-located p99 500 ms > deadline 250 ms in 1 of 1 runs).",
                answers.get(0).sentence());
        assertEquals(Optional.of("b"), answers.get(1).best());
        assertTrue(answers.get(1).sentence().startsWith("rate=2: b is the fastest"), answers.get(1).sentence());
        assertTrue(answers.get(1).sentence().endsWith("No policy was faster."), answers.get(1).sentence());
    }
}
