package de.fachplan.api.common.background;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class FairQueueTest {

    @Test
    void ownersTakeTurnsSoABacklogHoldsAnotherOwnerBackByOneTurnAtMost() throws InterruptedException {
        FairQueue<String, String> queue = new FairQueue<>();
        for (int i = 0; i < 300; i++) {
            queue.offer("busy", "busy-" + i);
        }
        queue.offer("quiet", "quiet-0");
        queue.offer("third", "third-0");
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            order.add(queue.take());
        }
        assertEquals(List.of("busy-0", "quiet-0", "third-0", "busy-1", "busy-2"), order);
    }

    @Test
    void anOwnerThatComesBackWaitsBehindTheOwnersAlreadyWaiting() throws InterruptedException {
        FairQueue<String, String> queue = new FairQueue<>();
        queue.offer("a", "a-0");
        queue.offer("a", "a-1");
        queue.offer("b", "b-0");
        assertEquals("a-0", queue.take());
        queue.done("a-0");
        queue.offer("a", "a-0");
        assertEquals(List.of("b-0", "a-1", "a-0"), List.of(queue.take(), queue.take(), queue.take()));
    }

    @Test
    void anItemWaitingOrBeingWorkedOnIsNotQueuedTwice() throws InterruptedException {
        FairQueue<String, String> queue = new FairQueue<>();
        assertTrue(queue.offer("a", "x"));
        assertFalse(queue.offer("a", "x"), "waiting");
        assertEquals("x", queue.take());
        assertFalse(queue.offer("a", "x"), "being worked on");
        queue.done("x");
        assertTrue(queue.offer("a", "x"));
        assertEquals(1, queue.size());
    }

    @Test
    void closingReleasesEveryWaitingThread() throws InterruptedException {
        FairQueue<String, String> queue = new FairQueue<>();
        String[] taken = { "not yet" };
        Thread waiter = new Thread(() -> {
            try {
                taken[0] = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        queue.close();
        waiter.join(5000);
        assertFalse(waiter.isAlive());
        assertNull(taken[0]);
        assertFalse(queue.offer("a", "x"), "a closed queue takes nothing");
    }
}
