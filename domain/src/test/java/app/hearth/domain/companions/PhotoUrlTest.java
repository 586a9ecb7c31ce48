package app.hearth.domain.companions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.domain.shared.RuleViolation;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhotoUrlTest {

    @ParameterizedTest(name = "{0} is refused with {1}")
    @CsvSource({
            "http://cdn.example.com/a.jpg, INVALID_PHOTO_URL",
            "ftp://cdn.example.com/a.jpg, INVALID_PHOTO_URL",
            "https:///a.jpg, INVALID_PHOTO_URL",
            "https://user:secret@cdn.example.com/a.jpg, INVALID_PHOTO_URL",
            "not a url, INVALID_PHOTO_URL",
            "https://127.0.0.1/a.jpg, PHOTO_URL_NOT_PUBLIC",
            "https://127.8.9.10/a.jpg, PHOTO_URL_NOT_PUBLIC",
            "https://10.1.2.3/a.jpg, PHOTO_URL_NOT_PUBLIC",
            "https://172.16.0.1/a.jpg, PHOTO_URL_NOT_PUBLIC",
            "https://192.168.1.20/a.jpg, PHOTO_URL_NOT_PUBLIC",
            "https://169.254.169.254/latest/meta-data, PHOTO_URL_NOT_PUBLIC",
            "https://100.64.0.1/a.jpg, PHOTO_URL_NOT_PUBLIC",
            "https://0.0.0.0/a.jpg, PHOTO_URL_NOT_PUBLIC",
            "https://[::1]/a.jpg, PHOTO_URL_NOT_PUBLIC",
            "https://[fe80::1]/a.jpg, PHOTO_URL_NOT_PUBLIC",
            "https://[fd12:3456::1]/a.jpg, PHOTO_URL_NOT_PUBLIC",
            "https://[::ffff:10.0.0.1]/a.jpg, PHOTO_URL_NOT_PUBLIC",
            "https://224.0.0.1/a.jpg, PHOTO_URL_NOT_PUBLIC",
    })
    void refuses(String url, String code) {
        assertThatThrownBy(() -> PhotoUrl.parse(url))
                .isInstanceOfSatisfying(RuleViolation.class, violation -> {
                    assertThat(violation.code()).isEqualTo(code);
                    assertThat(violation.field()).isEqualTo("photoUrl");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://cdn.example.com/photos/a.jpg", "https://93.184.216.34/a.jpg",
            "https://[2606:2800:220:1:248:1893:25c8:1946]/a.jpg", "HTTPS://cdn.example.com/a.jpg?size=200"})
    void accepts_https_urls_on_public_hosts(String url) {
        assertThat(PhotoUrl.parse(url).toString()).isEqualTo(url);
    }

    @Test
    void a_host_name_is_judged_by_every_address_it_resolves_to() throws Exception {
        InetAddress publicAddress = InetAddress.getByName("93.184.216.34");
        InetAddress privateAddress = InetAddress.getByName("10.0.0.7");

        PhotoUrl.requirePublic(List.of(publicAddress));
        assertThatThrownBy(() -> PhotoUrl.requirePublic(List.of(publicAddress, privateAddress)))
                .hasFieldOrPropertyWithValue("code", PhotoUrl.NOT_PUBLIC);
        assertThatThrownBy(() -> PhotoUrl.requirePublic(List.of()))
                .hasFieldOrPropertyWithValue("code", PhotoUrl.NOT_PUBLIC);
    }

    @Test
    void a_host_name_is_not_looked_up_while_parsing() {
        assertThat(PhotoUrl.parse("https://localhost/a.jpg").literalAddress()).isEmpty();
        assertThat(PhotoUrl.parse("https://cdn.example.com:8443/a.jpg").host()).isEqualTo("cdn.example.com");
    }
}
