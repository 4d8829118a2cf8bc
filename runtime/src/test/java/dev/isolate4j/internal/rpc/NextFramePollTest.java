package dev.isolate4j.internal.rpc;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** When a reading thread polls for the next frame: on the serving side, after a short wait only. */
class NextFramePollTest {
    private static final long SHORT = NextFramePoll.POLL_NANOS / 2;
    private static final long LONG = NextFramePoll.POLL_NANOS * 2;

    @Test
    void theServingSidePollsOnlyAfterAWaitShorterThanAPoll() {
        NextFramePoll poll = NextFramePoll.whileFramesComeSoon();
        assertThat(poll.shouldPoll()).isFalse(); // a new connection's first frame is waited for

        poll.waited(SHORT);
        assertThat(poll.shouldPoll()).isTrue();

        poll.waited(LONG); // the calls stopped, or came too late for a poll
        assertThat(poll.shouldPoll()).isFalse();

        poll.waited(NextFramePoll.POLL_NANOS); // as long as a poll: it would have missed
        assertThat(poll.shouldPoll()).isFalse();
    }

    @Test
    void theCallingSideNeverPolls() {
        NextFramePoll poll = NextFramePoll.never();

        poll.waited(0);

        assertThat(poll.shouldPoll()).isFalse();
    }
}
