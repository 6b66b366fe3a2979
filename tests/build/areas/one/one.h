#pragma once
int one();
