"""The selection read from and written to the URL's query parameters."""
from dashboard import state


def test_a_list_parameter_is_read_and_unknown_values_are_dropped():
    session = {}
    state.seed_list(session, {"regions": ["兰陵县", "火星县"]}, "regions", ["兰陵县", "罗庄区"], ["罗庄区"])
    assert session["regions"] == ["兰陵县"]


def test_a_link_naming_only_unknown_values_gives_the_default():
    session = {}
    state.seed_list(session, {"regions": ["火星县"]}, "regions", ["兰陵县", "罗庄区"], ["罗庄区"])
    assert session["regions"] == ["罗庄区"]


def test_an_absent_parameter_gives_the_default_and_an_empty_one_gives_nothing():
    session = {}
    state.seed_list(session, {}, "regions", ["兰陵县", "罗庄区"], ["罗庄区"])
    state.seed_list(session, {"statuses": [""]}, "statuses", ["missed"], ["missed"])
    assert session == {"regions": ["罗庄区"], "statuses": []}


def test_the_session_wins_over_the_url_once_the_user_has_chosen():
    session = {"regions": ["罗庄区"]}
    state.seed_list(session, {"regions": ["兰陵县"]}, "regions", ["兰陵县", "罗庄区"], [])
    assert session["regions"] == ["罗庄区"]


def test_years_parse_as_one_year_or_a_range_and_are_clamped():
    assert state.parse_years("2023") == (2023, 2023)
    assert state.parse_years("2023-2019") == (2019, 2023)
    assert state.parse_years("soon") is None
    session = {}
    state.seed_range(session, {"years": ["2010-2030"]}, "years", (2018, 2024), (2018, 2024))
    assert session["years"] == (2018, 2024)


def test_a_bad_year_falls_back_to_the_default():
    session = {}
    state.seed_range(session, {"years": ["next"]}, "years", (2018, 2024), (2020, 2024))
    assert session["years"] == (2020, 2024)


def test_a_choice_is_matched_as_text_so_numbers_survive_the_url():
    session = {}
    state.seed_choice(session, {"year": ["2023"]}, "year", [2022, 2023], 2022)
    state.seed_choice(session, {"lang": ["fr"]}, "lang", ["zh", "en"], "zh")
    assert session == {"year": 2023, "lang": "zh"}


def test_the_url_is_written_from_the_session_and_keeps_what_the_session_does_not_hold():
    session = {"regions": ["兰陵县"], "years": (2023, 2023), "statuses": [], "lang": "en"}
    previous = {"indicator": ["gdp:growth"], "regions": ["罗庄区"]}
    query = state.query_from_state(session, previous, ["regions", "years", "statuses", "lang", "indicator"])
    assert query == {"regions": ["兰陵县"], "years": ["2023"], "statuses": [""], "lang": ["en"],
                     "indicator": ["gdp:growth"]}


def test_a_range_is_written_as_from_dash_to():
    assert state.encode((2019, 2023)) == ["2019-2023"]
