package com.example.batch;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.RunIdIncrementer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** The application's job, one step that does nothing, in Spring Batch 6's packages (Spring Boot 4). */
@Configuration(proxyBeanMethods = false)
public class Jobs {

    @Bean
    Job importJob(JobRepository jobs, PlatformTransactionManager transactions) {
        return new JobBuilder("import", jobs)
                .incrementer(new RunIdIncrementer())
                .start(new StepBuilder("read", jobs).tasklet((contribution, chunk) -> RepeatStatus.FINISHED, transactions)
                        .build())
                .build();
    }
}
