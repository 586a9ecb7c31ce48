package app.hearth.domain.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PushPreviewTest {

    @Test
    void aShortTextIsShownWhole() {
        assertThat(PushPreview.body("  Hello there  ", true)).isEqualTo("Hello there");
        String hundred = "x".repeat(100);
        assertThat(PushPreview.body(hundred, true)).isEqualTo(hundred);
    }

    @Test
    void aLongTextIsShortenedToOneHundredCharactersEndingInAnEllipsis() {
        String body = PushPreview.body("y".repeat(101), true);
        assertThat(body).isEqualTo("y".repeat(99) + "…");
        assertThat(body.codePointCount(0, body.length())).isEqualTo(100);
    }

    @Test
    void charactersAreCodePointsAndNoSurrogatePairIsCut() {
        String emoji = "😀"; // two UTF-16 units, one character
        String body = PushPreview.body(emoji.repeat(150), true);
        assertThat(body).isEqualTo(emoji.repeat(99) + "…");
        assertThat(PushPreview.body(emoji.repeat(100), true)).isEqualTo(emoji.repeat(100));
    }

    @Test
    void lineBreaksAndRunsOfSpacesBecomeOneSpaceAndNoSpaceIsLeftBeforeTheEllipsis() {
        assertThat(PushPreview.body("one\n\ntwo\tthree", true)).isEqualTo("one two three");
        String body = PushPreview.body("a".repeat(98) + " " + "b".repeat(10), true);
        assertThat(body).isEqualTo("a".repeat(98) + "…");
    }

    @Test
    void noPreviewHidesTheText() {
        assertThat(PushPreview.body("a secret", false)).isEqualTo(PushPreview.HIDDEN).isEqualTo("New message");
        assertThat(PushPreview.body("   ", true)).isEqualTo(PushPreview.HIDDEN);
    }
}
