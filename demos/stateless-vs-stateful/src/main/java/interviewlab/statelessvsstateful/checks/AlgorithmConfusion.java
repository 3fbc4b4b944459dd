package interviewlab.statelessvsstateful.checks;

import interviewlab.statelessvsstateful.app.TokenSigning;
import interviewlab.statelessvsstateful.cluster.Reply;
import interviewlab.support.observed.Verdict;
import java.util.List;

/**
 * The algorithm-confusion attack on an RS256 service, and SES-11's check of it. The attacker's HS256 token for
 * another user, signed with the service's published public key, is taken for that user (200) by every instance of
 * a verifier that lets the header choose the algorithm, and refused (401) by every instance pinned to RS256; an
 * HS256 token with any other secret is refused by both, and the service's own RS256 tokens accepted by both.
 *
 * @param verifier how the instances check tokens
 * @param victim the user the forged token names
 * @param instances the instances, every one of which must have answered each kind of token
 * @param ownToken the replies to the attacker's own, genuine, token
 * @param forged the replies to the HS256 token signed with the public key
 * @param otherSecret the replies to an HS256 token signed with a secret that is not the public key
 */
public record AlgorithmConfusion(
        TokenSigning verifier,
        String victim,
        List<String> instances,
        List<Reply> ownToken,
        List<Reply> forged,
        List<Reply> otherSecret) {

    public boolean takenForTheVictim() {
        return Replies.allHaveStatus(forged, 200)
                && forged.stream().allMatch(reply -> reply.body().startsWith(victim + " ("));
    }

    public Verdict check() {
        if (verifier == TokenSigning.HS256) {
            throw new IllegalArgumentException(
                    "algorithm confusion needs an RS256 service: its public key is the attacker's HMAC secret");
        }
        for (List<Reply> replies : List.of(ownToken, forged, otherSecret)) {
            if (!Replies.instances(replies).containsAll(instances)) {
                return Verdict.notShown(
                        "SES-11",
                        "%s: only %s of %s answered (%s)",
                        verifier.label(),
                        Replies.instances(replies),
                        instances,
                        Replies.summary(replies));
            }
        }
        String observed = String.format(
                "own RS256 token: %s; HS256 signed with the public key: %s; HS256 with another secret: %s",
                Replies.summary(ownToken), Replies.summary(forged), Replies.summary(otherSecret));
        boolean checksSignatures = Replies.allHaveStatus(ownToken, 200) && Replies.allHaveStatus(otherSecret, 401);
        if (verifier == TokenSigning.RS256_ALG_FROM_HEADER) {
            return Verdict.holdsIf(
                    checksSignatures && takenForTheVictim(),
                    "SES-11",
                    String.format(
                            "alg from the header: every instance took the forged HS256 token for %s (%s)",
                            victim, observed),
                    String.format(
                            "alg from the header: expected the forged token accepted as %s and the other secret refused; %s",
                            victim, observed));
        }
        return Verdict.holdsIf(
                checksSignatures && Replies.allHaveStatus(forged, 401),
                "SES-11",
                String.format("pinned to RS256: every instance refused the forged HS256 token (%s)", observed),
                String.format("pinned to RS256: expected the forged token refused with 401 everywhere; %s", observed));
    }
}
