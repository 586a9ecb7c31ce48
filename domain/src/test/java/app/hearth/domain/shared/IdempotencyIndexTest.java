package app.hearth.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdempotencyIndexTest {

    record Done(long sequence, String what) implements IdempotencyIndex.Sequenced {
    }

    private static IdempotencyIndex<Done> recorded(int capacity, int count) {
        IdempotencyIndex<Done> index = IdempotencyIndex.none(capacity);
        for (int i = 1; i <= count; i++) {
            index = index.with(new Done(i, "m" + i), "key-" + i);
        }
        return index;
    }

    @Test
    void remembersItsLastRecordsAndSaysWhatItMayHaveForgotten() {
        var index = recorded(3, 10);

        assertThat(index.entries()).extracting(entry -> entry.record().sequence()).containsExactly(8L, 9L, 10L);
        assertThat(index.find("key-10")).contains(new Done(10, "m10"));
        assertThat(index.find("key-7")).isEmpty();
        assertThat(index.mayHaveForgotten("key-7")).isTrue();
        assertThat(index.mayHaveForgotten("key-9")).isFalse();
        assertThat(index.forgottenThrough()).isEqualTo(7);
    }

    @Test
    void anIndexWithinItsCapacityForgetsNothingSoNoKeyNeedsALookUp() {
        var index = recorded(3, 3);

        assertThat(index.mayHaveForgotten("never-seen")).isFalse();
        assertThat(IdempotencyIndex.<Done>none().mayHaveForgotten("x")).isFalse();
        assertThat(recorded(IdempotencyIndex.UNBOUNDED, 1000).find("key-1")).isPresent();
    }

    @Test
    void staysBoundedWhateverTheHistory() {
        var index = recorded(256, 100_000);

        assertThat(index.entries()).hasSize(256);
        assertThat(index.lastSequence()).isEqualTo(100_000);
    }

    @Test
    void aRecalledRecordIsFoundButNeverWrittenDownNorCarriedOn() {
        var index = recorded(3, 10);
        var recalling = index.recalling(Map.of("key-2", new Done(2, "m2")));

        assertThat(recalling.find("key-2")).contains(new Done(2, "m2"));
        assertThat(recalling.mayHaveForgotten("key-2")).isFalse();
        assertThat(recalling.entries()).isEqualTo(index.entries());
        assertThat(index.find("key-2")).isEmpty();
        assertThat(recalling.with(new Done(11, "m11"), "key-11").find("key-2")).isEmpty();
    }

    @Test
    void restoredFromWhatItWroteDownItEqualsTheIndexItWas() {
        var index = recorded(3, 10);

        var restored = IdempotencyIndex.restored(index.capacity(), index.forgottenThrough(), index.lastSequence(),
                index.entries());

        assertThat(restored).isEqualTo(index);
        assertThat(restored.mayHaveForgotten("key-1")).isTrue();
        assertThat(restored.with(new Done(11, "m11"), "key-11")).isEqualTo(index.with(new Done(11, "m11"), "key-11"));
    }

    @Test
    void olderValuesNeverSeeLaterRecordsAndABranchCopies() {
        var older = recorded(5, 3);
        var later = older.with(new Done(4, "m4"), "key-4");
        var branch = older.with(new Done(4, "other"), "key-other");

        assertThat(older.find("key-4")).isEmpty();
        assertThat(later.find("key-4")).isPresent();
        assertThat(branch.find("key-4")).isEmpty();
        assertThat(branch.find("key-other")).isPresent();
        assertThat(later.find("key-other")).isEmpty();
    }

    @Test
    void whatACommandJustRecordedUnderEveryKey() {
        var before = recorded(3, 5);
        var after = before.with(new Done(6, "m6"), "entry:6", "source:6");

        assertThat(after.recordedAfter(before.lastSequence()))
                .containsExactly(new IdempotencyIndex.Entry<>(List.of("entry:6", "source:6"), new Done(6, "m6")));
    }
}
