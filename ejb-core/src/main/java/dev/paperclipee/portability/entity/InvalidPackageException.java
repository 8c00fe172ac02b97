package dev.paperclipee.portability.entity;

import dev.paperclipee.shared.entity.RuleViolationException;

import jakarta.ejb.ApplicationException;

import java.util.List;
import java.util.Map;

/** A package that cannot be imported (422): every problem found, each with its file and line. */
@ApplicationException(rollback = true)
public class InvalidPackageException extends RuleViolationException {

    private static final long serialVersionUID = 1L;

    public InvalidPackageException(List<PackageProblem> problems) {
        super("The package has " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + "; nothing was imported", Map.of("problems", problems.stream().map(p -> Map.of(
                "file", p.file(), "line", p.line(), "reason", p.reason())).toList()));
    }
}
