package io.tapbus.runtime.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.reader.ErrorCode;
import io.tapbus.runtime.domain.ConcurrentChange;
import io.tapbus.runtime.domain.DomainError;
import org.junit.jupiter.api.Test;

/** A reader learns the real reason a request was refused, never INTERNAL for a business fact. */
class DomainErrorAnswersTest {

    @Test
    void eachDomainErrorHasItsOwnReaderErrorCode() {
        assertThat(ReaderGateway.errorCodeOf(DomainError.invalid("amount"))).isEqualTo(ErrorCode.BAD_BODY);
        assertThat(ReaderGateway.errorCodeOf(DomainError.notFound("merchant M-1"))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(ReaderGateway.errorCodeOf(DomainError.conflict("payment finished meanwhile"))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(ReaderGateway.errorCodeOf(new ConcurrentChange("card blocked meanwhile"))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(ReaderGateway.errorCodeOf(new DomainError(DomainError.Code.DUPLICATE, "same key"))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(ReaderGateway.errorCodeOf(new DomainError(DomainError.Code.SYSTEM_UNAVAILABLE, "disk full")))
                .isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(ReaderGateway.errorCodeOf(DomainError.forbidden("not this reader"))).isEqualTo(ErrorCode.NOT_PERMITTED);
        for (DomainError.Code code : DomainError.Code.values()) {
            assertThat(ReaderGateway.errorCodeOf(new DomainError(code, "x"))).isNotEqualTo(ErrorCode.INTERNAL);
        }
    }

    @Test
    void notFoundNamesWhatIsMissing() {
        assertThat(DomainError.notFound("merchant M-1").getMessage()).isEqualTo("merchant M-1 not found");
    }
}
