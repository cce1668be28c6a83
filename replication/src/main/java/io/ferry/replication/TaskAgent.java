package io.ferry.replication;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

/**
 * An agent that runs tasks handed to it through a bounded queue: file work (hashing, fsync, publication) that
 * must not stall the link agent.
 */
final class TaskAgent implements Agent
{
    private final String roleName;
    private final ManyToOneConcurrentArrayQueue<Runnable> tasks;
    private final int limit;

    TaskAgent(final String roleName, final int capacity, final int limit)
    {
        this.roleName = roleName;
        this.tasks = new ManyToOneConcurrentArrayQueue<>(capacity);
        this.limit = limit;
    }

    /**
     * Queue a task.
     *
     * @return false if the queue is full.
     */
    boolean offer(final Runnable task)
    {
        return tasks.offer(task);
    }

    public int doWork()
    {
        return tasks.drain(Runnable::run, limit);
    }

    public String roleName()
    {
        return roleName;
    }
}
