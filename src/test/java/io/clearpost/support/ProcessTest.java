package io.clearpost.support;

import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A model-level process test: the whole application (engine, database, delegates, services), but with
 * the engine's job executor off, so a test drives every job itself (timers with the engine clock moved).
 * {@code operaton.bpm.job-execution.enabled=false} leaves out the starter's job executor and the listener
 * that would start it. The context has a database of its own ({@code test.models.datasource.url}, set by
 * the build): a job executor of another test context on the same database would run these tests' jobs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(properties = {
        "operaton.bpm.job-execution.enabled=false",
        "spring.datasource.url=${test.models.datasource.url:jdbc:h2:mem:clearpost-models;DB_CLOSE_DELAY=-1}"})
public @interface ProcessTest {
}
