#include "util/Redactor.h"

#include <catch2/catch.hpp>

TEST_CASE("the redactor masks secrets and their base64 form", "[redactor]")
{
	datatap::Redactor redactor;
	redactor.add("Aladdin:open sesame");
	redactor.add("abc");
	CHECK(redactor.apply("user Aladdin:open sesame here") == "user **** here");
	CHECK(redactor.apply("Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==") == "Authorization: Basic ****==");
	CHECK(redactor.apply("abc stays: too short to mask") == "abc stays: too short to mask");
	CHECK(redactor.apply("twice Aladdin:open sesameAladdin:open sesame") == "twice ********");
}
