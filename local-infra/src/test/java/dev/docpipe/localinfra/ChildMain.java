package dev.docpipe.localinfra;

import java.util.concurrent.CountDownLatch;

/** Runs in a child JVM started by {@link JavaProcessTest}; blocks until killed, or exits if asked to. */
public final class ChildMain {

    public static void main(String[] args) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
        if (args.length > 0 && args[0].startsWith("exit=")) {
            System.out.println("exiting on request");
            System.exit(Integer.parseInt(args[0].substring("exit=".length())));
        }
        System.out.println("ready pid=" + ProcessHandle.current().pid()
                + " args=" + String.join(",", args)
                + " env=" + System.getenv("CHILD_ENV")
                + " prop=" + System.getProperty("child.prop"));
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
