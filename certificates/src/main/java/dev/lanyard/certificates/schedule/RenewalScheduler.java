package dev.lanyard.certificates.schedule;

import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Quartz scheduler (in memory, a small pool of its own threads) that runs a task per
 * certificate name at the instant last asked for. At most one run per name at a time.
 */
public final class RenewalScheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RenewalScheduler.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final String GROUP = "lanyard-certificates";

  private final Scheduler scheduler;

  /** @param task runs with the certificate's name, on a Quartz worker thread */
  public RenewalScheduler(Consumer<String> task, int threads) {
    Properties p = new Properties();
    p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "lanyard-certificates-" + INSTANCES.incrementAndGet());
    p.setProperty(StdSchedulerFactory.PROP_SCHED_MAKE_SCHEDULER_THREAD_DAEMON, "true");
    p.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.simpl.RAMJobStore");
    p.setProperty(StdSchedulerFactory.PROP_THREAD_POOL_CLASS, "org.quartz.simpl.SimpleThreadPool");
    p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
    p.setProperty("org.quartz.threadPool.threadNamePrefix", "lanyard-cert");
    p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    try {
      scheduler = new StdSchedulerFactory(p).getScheduler();
      scheduler.setJobFactory((bundle, s) -> new RunJob(task));
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot create the certificate scheduler: " + e.getMessage(), e);
    }
  }

  public void start() {
    try {
      scheduler.start();
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot start the certificate scheduler: " + e.getMessage(), e);
    }
  }

  /** Runs the task for {@code name} at {@code when} (at once if it has passed), replacing any earlier plan. */
  public synchronized void at(String name, Instant when) {
    JobKey job = JobKey.jobKey(name, GROUP);
    TriggerKey key = TriggerKey.triggerKey(name, GROUP);
    Trigger trigger = TriggerBuilder.newTrigger()
        .withIdentity(key)
        .forJob(job)
        .startAt(Date.from(when))
        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
        .build();
    try {
      if (!scheduler.checkExists(job)) {
        JobDetail detail = JobBuilder.newJob(RunJob.class).withIdentity(job).storeDurably().build();
        scheduler.addJob(detail, false);
      }
      if (scheduler.checkExists(key)) {
        scheduler.rescheduleJob(key, trigger);
      } else {
        scheduler.scheduleJob(trigger);
      }
    } catch (SchedulerException e) {
      log.error("Cannot schedule certificate {} at {}: {}", name, when, e.getMessage());
    }
  }

  public synchronized void cancel(String name) {
    try {
      scheduler.deleteJob(JobKey.jobKey(name, GROUP));
    } catch (SchedulerException e) {
      log.warn("Cannot unschedule certificate {}: {}", name, e.getMessage());
    }
  }

  public synchronized void cancelAll() {
    try {
      scheduler.clear();
    } catch (SchedulerException e) {
      log.warn("Cannot clear the certificate schedule: {}", e.getMessage());
    }
  }

  /** Stops the threads after running tasks finish. */
  @Override
  public void close() {
    try {
      scheduler.shutdown(true);
    } catch (SchedulerException e) {
      log.warn("Cannot stop the certificate scheduler cleanly: {}", e.getMessage());
    }
  }

  /** Quartz's handle on the task; one at a time per certificate. */
  @DisallowConcurrentExecution
  public static final class RunJob implements Job {
    private final Consumer<String> task;

    RunJob(Consumer<String> task) {
      this.task = task;
    }

    @Override
    public void execute(JobExecutionContext context) {
      String name = context.getJobDetail().getKey().getName();
      try {
        task.accept(name);
      } catch (RuntimeException e) {
        log.error("Certificate {}: unexpected failure: {}", name, e.toString(), e);
      }
    }
  }
}
